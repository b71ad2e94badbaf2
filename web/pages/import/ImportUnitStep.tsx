import { Alert, Button, Flex, Form } from 'antd';
import { ArrowRightOutlined, DownloadOutlined } from '@ant-design/icons';
import type { OrgUnit } from '../../api/org';
import { ledgerApi } from '../../api/ledger';
import { useOrgUnits } from '../../api/queries';
import { useSignedIn } from '../../api/me';
import { useI18n } from '../../i18n/I18nProvider';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { fileLevels, useUnitScope } from '../../components/useUnitScope';

/** Step 1: the template, and the unit new files go to (a street, community or grid of mine). */
export function ImportUnitStep({ value, onNext }: { value?: string; onNext: (orgUnitId: string) => void }) {
  const { t } = useI18n();
  const me = useSignedIn();
  const inScope = useUnitScope();
  const units = useOrgUnits();
  const [form] = Form.useForm<{ orgUnitId: string }>();
  const usable = (u: OrgUnit) => u.active && fileLevels.has(u.level) && inScope(u, 'person.import', 'person.write');
  // The user's own unit is the likely target when it can take files.
  const own = units.data?.find((u) => u.id === me.user.orgUnitId);
  const initial = value ?? (own && usable(own) ? own.id : undefined);
  return (
    <Flex vertical gap={16} style={{ maxWidth: 560 }}>
      <Alert type="info" showIcon title={t('import.templateHint')} />
      <div>
        <Button icon={<DownloadOutlined />} href={ledgerApi.templateUrl} download>
          {t('import.template')}
        </Button>
      </div>
      {units.data && (
        <Form form={form} name="import-unit" layout="vertical" initialValues={{ orgUnitId: initial }} onFinish={(v) => onNext(v.orgUnitId)}>
          <Form.Item name="orgUnitId" label={t('import.unit')} extra={t('import.unitHint')} rules={[{ required: true, message: t('common.required') }]}>
            <OrgTreeSelect disabled={(u) => !usable(u)} />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<ArrowRightOutlined />} iconPlacement="end">
            {t('common.next')}
          </Button>
        </Form>
      )}
    </Flex>
  );
}
