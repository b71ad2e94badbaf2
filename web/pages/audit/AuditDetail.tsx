import { Col, Descriptions, Flex, Row, Tag, Typography } from 'antd';
import { personLabel, type AuditRow } from '../../api/audit';
import { useI18n } from '../../i18n/I18nProvider';

function Json({ title, value }: { title: string; value: unknown }) {
  if (value === null || value === undefined) return null;
  return (
    <Col xs={24} md={8}>
      <Typography.Text strong>{title}</Typography.Text>
      <pre className="sf-json">{JSON.stringify(value, null, 2)}</pre>
    </Col>
  );
}

/** The whole record: what changed (before/after) and the context, as stored. */
export function AuditDetail({ row }: { row: AuditRow }) {
  const { t } = useI18n();
  const changed = ((row.details as { changed?: unknown } | null)?.changed as string[] | undefined) ?? [];
  return (
    <div style={{ maxWidth: 'calc(100vw - 64px)' }}>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 8 }}>
        <Descriptions.Item label="ID">{row.id}</Descriptions.Item>
        {row.entityId && (
          <Descriptions.Item label={t('audit.entityId')}>
            <Typography.Text copyable>{row.entityId}</Typography.Text>
          </Descriptions.Item>
        )}
        {row.personId && (
          <Descriptions.Item label={t('audit.person')}>
            <span title={t('audit.personHint')}>{personLabel(row.person) ?? '—'}</span>{' '}
            <Typography.Text type="secondary" copyable>
              {row.personId}
            </Typography.Text>
          </Descriptions.Item>
        )}
        {changed.length > 0 && (
          <Descriptions.Item label={t('audit.changedFields')}>
            <Flex wrap gap={4}>
              {changed.map((f) => (
                <Tag key={f}>{f}</Tag>
              ))}
            </Flex>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={row.sealed ? t('audit.sealed') : t('audit.unsealed')}>
          <Typography.Text type="secondary">{row.sealed ? t('audit.sealedHint') : '—'}</Typography.Text>
        </Descriptions.Item>
        {row.purpose && <Descriptions.Item label={t('audit.purpose')}>{row.purpose}</Descriptions.Item>}
        {row.userAgent && <Descriptions.Item label={t('audit.userAgent')}>{row.userAgent}</Descriptions.Item>}
      </Descriptions>
      <Row gutter={[12, 12]}>
        <Json title={t('audit.before')} value={row.before} />
        <Json title={t('audit.after')} value={row.after} />
        <Json title={t('audit.details')} value={row.details} />
      </Row>
    </div>
  );
}
