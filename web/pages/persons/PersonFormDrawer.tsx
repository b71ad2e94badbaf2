import { useEffect, useMemo, useState } from 'react';
import { Button, Divider, Drawer, Flex, Form, Grid, Typography } from 'antd';
import type { PersonView, Unmasked } from '../../api/persons';
import { useCan } from '../../api/me';
import { useI18n } from '../../i18n/I18nProvider';
import { fromIsoDate } from '../../components/dates';
import { UnmaskModal } from '../person/UnmaskModal';
import { ConflictNotice } from './ConflictNotice';
import { ExistsNotice } from './ExistsNotice';
import { FamilyContactsField } from './FamilyContactsField';
import { FilingUnitField, useDefaultFilingUnit } from './FilingUnitField';
import { PersonBasicFields } from './PersonBasicFields';
import { PersonHistoryFields } from './PersonHistoryFields';
import { PersonIdFields } from './PersonIdFields';
import { canonicalId } from './idNumber';
import { createDefaults, editValues, type PersonFormValues } from './personForm';
import { useIdNumberCheck } from './useIdNumberCheck';
import { usePersonSave } from './usePersonSave';

interface Props {
  /** The file to edit; absent to create one. */
  person?: PersonView;
  /** Clear phones, addresses and contacts, when the user has unmasked them on the page. */
  clear?: Unmasked | null;
  /** The clear values were fetched from within the form (to save a file with family contacts). */
  onClear?: (clear: Unmasked) => void;
  onClose: () => void;
  onSaved: (p: PersonView) => void;
}

/** Create or edit a person file, in four sections. */
export function PersonFormDrawer({ person, clear = null, onClear, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const can = useCan();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<PersonFormValues>();
  const editing = !!person;
  const defaultUnit = useDefaultFilingUnit();
  const initial = useMemo(() => (person ? editValues(person, clear) : ({ ...createDefaults, orgUnitId: defaultUnit } as PersonFormValues)), [person, clear, defaultUnit]);
  // The org list may arrive after the drawer opened.
  useEffect(() => {
    if (!person && defaultUnit && !form.getFieldValue('orgUnitId')) form.setFieldValue('orgUnitId', defaultUnit);
  }, [person, defaultUnit, form]);
  // Saving sends the contacts whole (the server would reset them otherwise), so a file with
  // contacts can be saved only once they are known in the clear.
  const contactsEditable = !person || !!clear || person.familyContacts.length === 0;
  const [unmasking, setUnmasking] = useState(false);
  useEffect(() => {
    if (!clear) return;
    const { phone, registeredAddress, residenceAddress, familyContacts } = clear;
    form.setFieldsValue({ phone: phone ?? undefined, registeredAddress: registeredAddress ?? undefined, residenceAddress: residenceAddress ?? undefined, familyContacts });
  }, [clear, form]);

  const id = useIdNumberCheck(form, editing, initial.idType);
  const save = usePersonSave({ form, person, clear, initial, contactsEditable, existsQuery: id.existsQuery, onSaved });

  const section = (title: string) => (
    <Divider titlePlacement="start" style={{ marginTop: 8 }}>
      <Typography.Text strong>{title}</Typography.Text>
    </Divider>
  );
  const blocked = !!id.result?.exists;

  return (
    <Drawer
      open
      onClose={onClose}
      size={screens.md === false ? '100%' : 760}
      title={person ? t('person.editTitle', { name: person.name }) : t('person.createTitle')}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" onClick={() => form.submit()} loading={save.saving} disabled={blocked || !contactsEditable || (save.conflict !== null && !save.conflict.reloaded)}>
            {editing ? t('common.save') : t('common.create')}
          </Button>
        </Flex>
      }
    >
      {save.conflict && <ConflictNotice unsaved={save.conflict.unsaved} reloaded={save.conflict.reloaded} reloading={save.reloading} onReload={save.reload} />}
      <Form
        form={form}
        name={editing ? 'person-edit' : 'person-create'}
        layout="vertical"
        initialValues={initial}
        scrollToFirstError
        onValuesChange={(changed: Partial<PersonFormValues>, all) => {
          if (editing || !('idNumber' in changed || 'idType' in changed)) return;
          const r = canonicalId(all.idType ?? 'resident_id', all.idNumber ?? '');
          if (r.ok && r.resident) form.setFieldsValue({ sex: r.resident.sex, birthDate: fromIsoDate(r.resident.birthDate) });
        }}
        onFinish={save.submit}
      >
        {section(t('person.sectionBasic'))}
        {!editing && <FilingUnitField />}
        <PersonBasicFields fromId={id.fromId} />
        {section(t('person.sectionId'))}
        <PersonIdFields
          editing={editing}
          masked={person && !clear ? { phone: person.phone, registeredAddress: person.registeredAddress, residenceAddress: person.residenceAddress } : undefined}
          notice={editing ? undefined : <ExistsNotice checking={id.checking} result={id.result} error={id.error} identity={id.identity} />}
        />
        {section(t('person.sectionHistory'))}
        <PersonHistoryFields />
        {section(t('person.sectionFamily'))}
        <FamilyContactsField locked={contactsEditable ? undefined : person!.familyContacts} onUnmask={can('person.pii.read') && onClear ? () => setUnmasking(true) : undefined} />
      </Form>
      {unmasking && person && onClear && (
        <UnmaskModal
          personId={person.id}
          onClose={() => setUnmasking(false)}
          onDone={(c) => {
            setUnmasking(false);
            onClear(c);
          }}
        />
      )}
    </Drawer>
  );
}
