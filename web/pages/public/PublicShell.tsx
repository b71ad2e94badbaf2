import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';
import { LanguageSwitch } from '../../components/LanguageSwitch';

/** The frame of the pages open without sign-in: one column that fits a phone, the language switch on top. */
export function PublicShell({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div style={{ maxWidth: 560, margin: '0 auto', padding: '12px 16px 32px' }}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        <LanguageSwitch />
      </Flex>
      <div style={{ marginTop: 16 }}>{children}</div>
    </div>
  );
}
