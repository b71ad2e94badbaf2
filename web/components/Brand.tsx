import { Flex, Typography } from 'antd';
import { useI18n } from '../i18n/I18nProvider';

export function Brand({ compact = false }: { compact?: boolean }) {
  const { t } = useI18n();
  return (
    <Flex align="center" gap={8} style={{ minWidth: 0 }}>
      <img src="/favicon.svg" alt="" width={28} height={28} />
      <Typography.Text strong style={{ fontSize: 18, whiteSpace: 'nowrap' }}>
        {t('app.name')}
      </Typography.Text>
      {!compact && (
        <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
          {t('app.subtitle')}
        </Typography.Text>
      )}
    </Flex>
  );
}
