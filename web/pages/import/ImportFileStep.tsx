import { useState } from 'react';
import { Alert, Button, Flex, Upload, type UploadFile } from 'antd';
import { ArrowLeftOutlined, CloudUploadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import { ledgerApi } from '../../api/ledger';
import { useI18n } from '../../i18n/I18nProvider';

const accepted = /\.(xlsx|csv)$/i;

/** Step 2: the ledger file. A wrong header row is refused at once, with each problem named. */
export function ImportFileStep({ orgUnitId, onBack, onStarted }: { orgUnitId: string; onBack: () => void; onStarted: (jobId: string) => void }) {
  const { t, pick } = useI18n();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [typeError, setTypeError] = useState(false);
  const start = useMutation({
    mutationFn: (file: File) => ledgerApi.start(orgUnitId, file),
    onSuccess: (r) => onStarted(r.jobId),
  });
  const err = start.error;
  const file = files[0]?.originFileObj as File | undefined;
  return (
    <Flex vertical gap={16} style={{ maxWidth: 640 }}>
      <Upload.Dragger
        accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
        maxCount={1}
        fileList={files}
        beforeUpload={() => false}
        onChange={({ fileList }) => {
          const last = fileList.slice(-1);
          const bad = !!last[0] && !accepted.test(last[0].name);
          setTypeError(bad);
          setFiles(bad ? [] : last);
          start.reset();
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('import.drop')}</p>
        <p className="ant-upload-hint">{t('import.dropHint')}</p>
      </Upload.Dragger>
      {typeError && <Alert type="error" showIcon role="alert" title={t('import.fileType')} />}
      {err && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={err instanceof ApiError ? pick(err.messages) : t('common.loadFailed')}
          description={
            err instanceof ApiError && err.fields.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {err.fields.map((f, i) => (
                  <li key={i}>{pick(f.message)}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      <Flex gap={8} wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={onBack}>
          {t('common.back')}
        </Button>
        <Button type="primary" icon={<CloudUploadOutlined />} disabled={!file} loading={start.isPending} onClick={() => file && start.mutate(file)}>
          {t('import.start')}
        </Button>
      </Flex>
    </Flex>
  );
}
