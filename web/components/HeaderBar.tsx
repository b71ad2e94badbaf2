import { App, Button, Flex, Tag, Typography } from 'antd';
import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { authApi } from '../api/auth';
import { useSignedIn } from '../api/me';
import { useI18n } from '../i18n/I18nProvider';
import { Brand } from './Brand';
import { LanguageSwitch } from './LanguageSwitch';
import { MessageBell } from './MessageBell';
import { clearDevice, useOutbox } from '../offline/sync';
import { pending } from '../offline/outbox';

export function HeaderBar({ mobile, onOpenMenu }: { mobile: boolean; onOpenMenu: () => void }) {
  const me = useSignedIn();
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { modal } = App.useApp();
  const unsent = pending(useOutbox());
  const logout = useMutation({
    mutationFn: authApi.logout,
    // Signed out locally even if the server call failed: the session is abandoned either way.
    // What this device kept for offline work goes with it (issue 17).
    onSettled: async () => {
      // Bounded: a tab of an older version holding the database open must not keep the worker signed in.
      await Promise.race([clearDevice().catch(() => undefined), new Promise((r) => setTimeout(r, 3000))]);
      queryClient.clear();
      navigate('/login', { replace: true });
    },
  });
  // Records not yet sent are not deleted silently: the worker is told how many and may stay.
  const signOut = () => {
    if (unsent === 0) return logout.mutate();
    modal.confirm({
      title: t('field.signOutUnsentTitle', { n: unsent }),
      content: t('field.signOutUnsentBody'),
      okText: t('field.signOutAnyway'),
      okButtonProps: { danger: true },
      cancelText: t('field.stay'),
      onOk: () => logout.mutate(),
    });
  };
  return (
    <Flex align="center" justify="space-between" gap={8} style={{ height: '100%' }}>
      <Flex align="center" gap={8} style={{ minWidth: 0 }}>
        {mobile && <Button type="text" icon={<MenuOutlined />} aria-label={t('header.openMenu')} onClick={onOpenMenu} />}
        <Brand compact={mobile} />
        {me.demo && (
          <Tag color="red" style={{ marginInlineEnd: 0 }}>
            {t('header.demo')}
          </Tag>
        )}
      </Flex>
      <Flex align="center" gap={mobile ? 4 : 12} style={{ minWidth: 0 }}>
        {!mobile && (
          <Typography.Text ellipsis style={{ maxWidth: 200 }} data-testid="header-user">
            <UserOutlined /> {me.user.displayName}
          </Typography.Text>
        )}
        <MessageBell />
        <LanguageSwitch />
        <Button type="text" icon={<LogoutOutlined />} loading={logout.isPending} onClick={signOut} aria-label={t('header.signOut')}>
          {!mobile && t('header.signOut')}
        </Button>
      </Flex>
    </Flex>
  );
}
