import { useState } from 'react';
import { Drawer, Grid, Layout, Typography } from 'antd';
import { Outlet } from 'react-router-dom';
import { useSignedIn } from '../api/me';
import { HeaderBar } from './HeaderBar';
import { SideMenu } from './SideMenu';
import { useFieldDevice } from '../offline/useDevice';

export function AppLayout() {
  const screens = Grid.useBreakpoint();
  const mobile = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const me = useSignedIn();
  useFieldDevice(me);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ background: '#fff', paddingInline: mobile ? 8 : 24, borderBottom: '1px solid #f0f0f0', position: 'sticky', top: 0, zIndex: 10 }}>
        <HeaderBar mobile={mobile} onOpenMenu={() => setDrawerOpen(true)} />
      </Layout.Header>
      <Layout>
        {!mobile && (
          <Layout.Sider width={208} theme="light" style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
            <nav aria-label="main">
              <SideMenu />
            </nav>
          </Layout.Sider>
        )}
        {mobile && (
          <Drawer
            placement="left"
            size={260}
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            title={<Typography.Text ellipsis>{me.user.displayName}</Typography.Text>}
            styles={{ body: { padding: 0 } }}
          >
            <nav aria-label="main">
              <SideMenu onNavigate={() => setDrawerOpen(false)} />
            </nav>
          </Drawer>
        )}
        <Layout.Content style={{ padding: mobile ? 12 : 24, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
