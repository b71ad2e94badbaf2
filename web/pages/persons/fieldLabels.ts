import type { MessageKey } from '../../i18n/zh-CN';

/** The label of each person field, for messages that name fields (e.g. unsaved changes). */
export const personFieldLabels: Record<string, MessageKey> = {
  name: 'persons.name',
  formerNames: 'person.formerNames',
  sex: 'persons.sex',
  birthDate: 'person.birthDate',
  ethnicity: 'person.ethnicity',
  nationality: 'person.nationality',
  phone: 'person.phone',
  registeredAddress: 'person.registeredAddress',
  residenceAddress: 'person.residenceAddress',
  education: 'person.education',
  maritalStatus: 'person.maritalStatus',
  employmentStatus: 'person.employmentStatus',
  employer: 'person.employer',
  occupation: 'person.occupation',
  drugTypes: 'person.drugTypes',
  useMethods: 'person.useMethods',
  firstUseDate: 'person.firstUseDate',
  riskLevel: 'persons.risk',
  familyContacts: 'person.sectionFamily',
};
