import { Button, Flex, List, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, EyeOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { documentsApi, type DocumentKind } from '../../api/documents';
import type { MeasureView } from '../../api/measures';
import { keys } from '../../api/keys';
import { useCan } from '../../api/me';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';

/** 文书清单: which documents the measure must hold now, which are on file, and an upload for what is missing. */
export function MeasureChecklist({ measure, onUpload }: { measure: MeasureView; onUpload: (kind: DocumentKind) => void }) {
  const { t } = useI18n();
  const can = useCan();
  const label = useLabel();
  const list = useQuery({ queryKey: keys.checklist(measure.personId, measure.id), queryFn: () => documentsApi.checklist(measure.id) });
  if (!list.data) return null;
  const c = list.data;
  return (
    <div data-testid="measure-checklist">
      <Flex align="center" gap={8} wrap style={{ marginBottom: 4 }}>
        <Typography.Text strong>{t('measures.checklist')}</Typography.Text>
        {c.items.some((i) => i.required) && (c.complete ? <Tag color="green">{t('measures.checklistComplete')}</Tag> : <Tag color="red">{t('measures.checklistIncomplete')}</Tag>)}
      </Flex>
      <List
        size="small"
        dataSource={c.items}
        locale={{ emptyText: t('documents.empty') }}
        renderItem={(item) => (
          <List.Item
            data-testid="checklist-item"
            style={{ paddingInline: 0 }}
            actions={[
              ...item.documentIds.slice(0, 1).map((id) => (
                <Button key="open" size="small" type="link" icon={<EyeOutlined />} href={documentsApi.fileUrl(id)} target="_blank" rel="noopener noreferrer">
                  {t('common.view')}
                </Button>
              )),
              ...(!item.present && can('document.write')
                ? [
                    <Button key="upload" size="small" type="link" icon={<UploadOutlined />} onClick={() => onUpload(item.kind)}>
                      {t('measures.uploadFor')}
                    </Button>,
                  ]
                : []),
            ]}
          >
            <Flex align="center" gap={8} wrap>
              {item.present ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <CloseCircleFilled style={{ color: item.required ? '#ff4d4f' : '#bfbfbf' }} />}
              <span>{label('documentKind', item.kind)}</span>
              {item.present ? (
                <Tag color="green">
                  {t('measures.docPresent')}
                  {item.documentIds.length > 1 ? ` ×${item.documentIds.length}` : ''}
                </Tag>
              ) : item.required ? (
                <Tag color="red">{t('measures.docMissing')}</Tag>
              ) : (
                <Tag>{t('measures.docOptional')}</Tag>
              )}
            </Flex>
          </List.Item>
        )}
      />
    </div>
  );
}
