import type { ReactNode } from 'react';
import { Descriptions, Flex, Tag, Typography } from 'antd';
import type { PersonView } from '../../api/persons';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { DictNames } from '../../components/DictNames';
import { ContactLine } from '../../components/ContactLine';
import { RiskTag } from '../../components/RiskTag';
import { formatTime } from '../../components/format';

/** The file's details in the form's four sections; identifiers as the server masks them. */
export function PersonFacts({ person: p }: { person: PersonView }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const block = (title: string, items: { label: string; children: ReactNode; span?: number }[]) => (
    <Descriptions
      title={title}
      size="small"
      column={{ xs: 1, sm: 2, lg: 3 }}
      items={items.map((i, n) => ({ key: n, ...i }))}
      className="sf-facts"
      styles={{ label: { whiteSpace: 'nowrap' } }}
    />
  );
  return (
    <>
      {block(t('person.sectionBasic'), [
        { label: t('persons.name'), children: p.name },
        { label: t('person.formerNames'), children: p.formerNames.length ? p.formerNames.join('、') : '—' },
        { label: t('persons.sex'), children: label('sex', p.sex) },
        { label: t('person.birthDate'), children: t('person.birthAge', { date: p.birthDate, age: p.age }) },
        { label: t('person.ethnicity'), children: <DictNames kind="ethnicity" codes={p.ethnicity} /> },
        { label: t('person.nationality'), children: <DictNames kind="nationality" codes={p.nationality} /> },
        { label: t('person.education'), children: <DictNames kind="education" codes={p.education} /> },
        { label: t('person.maritalStatus'), children: <DictNames kind="marital_status" codes={p.maritalStatus} /> },
        { label: t('person.employmentStatus'), children: <DictNames kind="employment_status" codes={p.employmentStatus} /> },
        { label: t('person.occupation'), children: <DictNames kind="occupation" codes={p.occupation} /> },
        { label: t('person.employer'), children: p.employer ?? '—' },
        { label: t('persons.risk'), children: <RiskTag level={p.riskLevel} /> },
      ])}
      {block(t('person.sectionId'), [
        { label: t('person.idType'), children: <DictNames kind="id_type" codes={p.idType} /> },
        { label: t('persons.idNumber'), children: <Typography.Text code>{p.idNumber}</Typography.Text> },
        { label: t('person.phone'), children: p.phone ?? '—' },
        { label: t('person.registeredAddress'), children: p.registeredAddress ?? '—' },
        {
          label: t('person.residenceAddress'),
          children: (
            <>
              {p.residenceAddress ?? '—'} {p.livesAwayFromRegistration && <Tag color="orange">{t('person.livesAway')}</Tag>}
            </>
          ),
        },
      ])}
      {block(t('person.sectionHistory'), [
        { label: t('person.drugTypes'), children: <DictNames kind="drug_type" codes={p.drugTypes} /> },
        { label: t('person.useMethods'), children: <DictNames kind="use_method" codes={p.useMethods} /> },
        { label: t('person.firstUseDate'), children: p.firstUseDate ?? '—' },
      ])}
      <Descriptions title={t('person.sectionFamily')} size="small" column={1}>
        <Descriptions.Item>
          {p.familyContacts.length === 0 ? (
            <Typography.Text type="secondary">{t('person.noContacts')}</Typography.Text>
          ) : (
            <Flex vertical gap={4}>
              {p.familyContacts.map((c, i) => (
                <ContactLine key={i} contact={c} />
              ))}
            </Flex>
          )}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('person.filedLine', { created: formatTime(p.createdAt, lang), updated: formatTime(p.updatedAt, lang) })}
      </Typography.Text>
    </>
  );
}
