import type { ReactNode } from 'react';
import { Menu } from 'antd';
import { ApartmentOutlined, AuditOutlined, DesktopOutlined, HomeOutlined, KeyOutlined, SolutionOutlined, TeamOutlined } from '@ant-design/icons';
import {
  AlertOutlined,
  BarChartOutlined,
  BellOutlined,
  CarryOutOutlined,
  EnvironmentOutlined,
  InboxOutlined,
  NotificationOutlined,
  ShareAltOutlined,
  ShopOutlined,
} from '@ant-design/icons';
import { LoginOutlined, SwapOutlined } from '@ant-design/icons';
import { FileProtectOutlined, LockOutlined } from '@ant-design/icons';
import { FileWordOutlined, FundProjectionScreenOutlined } from '@ant-design/icons';
import { useLocation, useNavigate } from 'react-router-dom';
import type { Permission } from '../../core/contracts/permissions';
import type { MessageKey } from '../i18n/zh-CN';
import { useCan } from '../api/me';
import { useI18n } from '../i18n/I18nProvider';

interface Item {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  permission?: Permission;
}

const items: Item[] = [
  { path: '/field', label: 'field.menu', icon: <EnvironmentOutlined />, permission: 'supervision.write' },
  { path: '/today', label: 'sv.menu.today', icon: <CarryOutOutlined />, permission: 'supervision.read' },
  { path: '/', label: 'menu.home', icon: <HomeOutlined /> },
  { path: '/persons', label: 'menu.persons', icon: <SolutionOutlined />, permission: 'person.read' },
  { path: '/notices', label: 'sv.menu.notices', icon: <AlertOutlined />, permission: 'notice.read' },
  { path: '/alerts', label: 'wn.menu', icon: <BellOutlined />, permission: 'supervision.read' },
  { path: '/prevention', label: 'pv.menu', icon: <NotificationOutlined />, permission: 'prevention.read' },
  { path: '/governance', label: 'gv.menu', icon: <BarChartOutlined />, permission: 'report.read' },
  { path: '/reports', label: 'rp.menu', icon: <FileWordOutlined />, permission: 'report.read' },
  { path: '/tips', label: 'tips.menu', icon: <NotificationOutlined />, permission: 'tip.read' },
  { path: '/governance-ops', label: 'go.menu', icon: <FundProjectionScreenOutlined />, permission: 'govops.read' },
  { path: '/governance-ops/police', label: 'go.tab.police', icon: <FundProjectionScreenOutlined />, permission: 'police_figure.write' },
  { path: '/inbox', label: 'as.menu.inbox', icon: <InboxOutlined />, permission: 'referral.respond' },
  { path: '/referrals', label: 'as.menu.referrals', icon: <ShareAltOutlined />, permission: 'assistance.read' },
  { path: '/partners', label: 'as.menu.partners', icon: <ShopOutlined />, permission: 'assistance.read' },
  { path: '/transfers', label: 'tr.menu', icon: <SwapOutlined />, permission: 'person.read' },
  { path: '/handovers', label: 'tr.menu.handovers', icon: <LoginOutlined />, permission: 'person.read' },
  { path: '/delisting', label: 'sl.menu.delisting', icon: <FileProtectOutlined />, permission: 'delisting.review' },
  { path: '/sealed', label: 'sl.menu.sealed', icon: <LockOutlined />, permission: 'person.sealed.read' },
  { path: '/break-glass', label: 'sl.menu.breakGlass', icon: <LockOutlined />, permission: 'person.break_glass' },
  { path: '/org', label: 'menu.org', icon: <ApartmentOutlined />, permission: 'org.read' },
  { path: '/users', label: 'menu.users', icon: <TeamOutlined />, permission: 'user.read' },
  { path: '/audit', label: 'menu.audit', icon: <AuditOutlined />, permission: 'audit.read' },
  { path: '/sessions', label: 'menu.sessions', icon: <DesktopOutlined /> },
  { path: '/password', label: 'menu.password', icon: <KeyOutlined /> },
];

export function SideMenu({ onNavigate }: { onNavigate?: () => void }) {
  const can = useCan();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const selected = `/${pathname.split('/')[1] ?? ''}`;
  return (
    <Menu
      mode="inline"
      selectedKeys={[selected]}
      style={{ borderInlineEnd: 'none' }}
      items={items.filter((i) => !i.permission || can(i.permission)).map((i) => ({ key: i.path, icon: i.icon, label: t(i.label) }))}
      onClick={({ key }) => {
        navigate(key);
        onNavigate?.();
      }}
    />
  );
}
