import { Flex, Tag } from 'antd';
import type { UserView } from '../../api/users';
import { useI18n } from '../../i18n/I18nProvider';

export function UserStatusTags({ user }: { user: UserView }) {
  const { t } = useI18n();
  return (
    <Flex wrap gap={4}>
      {user.active ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>}
      {user.locked && <Tag color="red">{t('users.locked')}</Tag>}
      {user.mustChangePassword && <Tag color="orange">{t('users.mustChange')}</Tag>}
      {user.totpEnabled && <Tag color="blue">{t('users.totp')}</Tag>}
    </Flex>
  );
}
