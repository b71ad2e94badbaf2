import { Form } from 'antd';
import type { OrgUnit } from '../../api/org';
import { useSignedIn } from '../../api/me';
import { useOrgUnits } from '../../api/queries';
import { useI18n } from '../../i18n/I18nProvider';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { fileLevels, useUnitScope } from '../../components/useUnitScope';

/** Units a new file may go to: an active street, community or grid where the user may write files. */
function useFilingUnits() {
  const inScope = useUnitScope();
  return (u: OrgUnit) => u.active && fileLevels.has(u.level) && inScope(u, 'person.write');
}

/** The user's own unit, when a file may go there: the likely choice. */
export function useDefaultFilingUnit(): string | undefined {
  const me = useSignedIn();
  const units = useOrgUnits();
  const usable = useFilingUnits();
  const own = units.data?.find((u) => u.id === me.user.orgUnitId);
  return own && usable(own) ? own.id : undefined;
}

/** The unit a new file belongs to. */
export function FilingUnitField() {
  const { t } = useI18n();
  const usable = useFilingUnits();
  return (
    <Form.Item name="orgUnitId" label={t('person.orgUnit')} rules={[{ required: true, message: t('common.required') }]} extra={t('common.unitOutOfScope')}>
      <OrgTreeSelect disabled={(u) => !usable(u)} />
    </Form.Item>
  );
}
