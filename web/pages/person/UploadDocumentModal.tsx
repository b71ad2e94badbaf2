import { Button, Form, Input, Modal, Select, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { documentsApi, type DocumentKind } from '../../api/documents';
import type { MeasureView } from '../../api/measures';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { documentKindCodes } from '../../components/codes';
import { useNotify } from '../../components/useNotify';
import { DocumentFieldInputs } from './DocumentFieldInputs';
import { fieldsFromMeasure, fieldsOf, type FieldValues } from './documentFields';
import { usePersonMutation } from './usePersonMutation';

interface Values {
  kind: DocumentKind;
  measureId?: string;
  title?: string;
  fields?: FieldValues;
  file: UploadFile[];
}

const accepted = /\.(pdf|jpe?g|png)$/i;
/** Refusals about the file itself: shown on the file field. */
const fileCodes = new Set(['document.type_unsupported', 'document.type_mismatch', 'document.too_large', 'document.empty', 'document.file_required']);

/** Uploads a document with its kind, optional measure and structured fields (PDF, JPG or PNG). */
export function UploadDocumentModal({
  personId,
  measures,
  preset,
  onClose,
}: {
  personId: string;
  measures: MeasureView[];
  preset?: { kind?: DocumentKind; measureId?: string };
  onClose: () => void;
}) {
  const { t, pick } = useI18n();
  const label = useLabel();
  const notify = useNotify();
  const [form] = Form.useForm<Values>();
  const kind: DocumentKind = Form.useWatch('kind', form) ?? preset?.kind ?? 'decision';
  const byId = (id?: string) => measures.find((m) => m.id === id);
  const upload = usePersonMutation(
    personId,
    (v: Values) =>
      documentsApi.upload(
        personId,
        { kind: v.kind, measureId: v.measureId, title: v.title?.trim() || undefined, fields: fieldsOf(v.kind, v.fields) } as Parameters<typeof documentsApi.upload>[1],
        v.file[0]!.originFileObj as File,
      ),
    {
      form,
      success: t('documents.uploaded'),
      onDone: onClose,
      onError: (err) => {
        if (err instanceof ApiError && fileCodes.has(err.code)) form.setFields([{ name: 'file', errors: [pick(err.messages)] }]);
        else notify.error(err);
      },
    },
  );
  const initialKind = preset?.kind ?? 'decision';
  return (
    <Modal
      open
      title={t('documents.uploadTitle')}
      okText={t('documents.upload')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={upload.isPending}
      onCancel={onClose}
      destroyOnHidden
      width={600}
    >
      <Form
        form={form}
        name="document-upload"
        layout="vertical"
        initialValues={{ kind: initialKind, measureId: preset?.measureId, fields: fieldsFromMeasure(initialKind, byId(preset?.measureId)), file: [] }}
        onValuesChange={(changed: Partial<Values>, all) => {
          // A decision's number, date and authority come from the measure chosen, unless already typed.
          if ('kind' in changed || 'measureId' in changed) {
            const from = fieldsFromMeasure(all.kind, byId(all.measureId));
            const current = form.getFieldValue('fields') ?? {};
            const fill = Object.fromEntries(Object.entries(from).filter(([k, v]) => v && !current[k]));
            if (Object.keys(fill).length) form.setFieldsValue({ fields: { ...current, ...fill } });
          }
        }}
        onFinish={(v) => upload.mutate(v)}
      >
        <Form.Item name="kind" label={t('documents.kind')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={documentKindCodes.map((k) => ({ value: k, label: label('documentKind', k) }))} />
        </Form.Item>
        <Form.Item name="measureId" label={t('documents.measure')}>
          <Select
            allowClear
            placeholder={t('documents.noMeasure')}
            options={measures.map((m) => ({ value: m.id, label: `${label('measureKind', m.kind)} · ${m.decisionDate ?? ''}` }))}
          />
        </Form.Item>
        <Form.Item name="title" label={t('documents.title')} extra={t('documents.titleHint')}>
          <Input maxLength={200} />
        </Form.Item>
        <DocumentFieldInputs kind={kind} />
        <Form.Item
          name="file"
          label={t('documents.file')}
          extra={t('documents.fileHint')}
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
          rules={[
            { required: true, type: 'array', min: 1, message: t('documents.fileRequired') },
            {
              validator: async (_, list: UploadFile[] = []) => {
                if (list[0] && !accepted.test(list[0].name)) throw new Error(t('documents.fileType'));
              },
            },
          ]}
        >
          <Upload beforeUpload={() => false} maxCount={1} accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png">
            <Button icon={<UploadOutlined />}>{t('documents.fileChoose')}</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}
