import { Form, type FormInstance } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { personsApi } from '../../api/persons';
import { keys } from '../../api/keys';
import { checkResidentId } from './idNumber';
import type { PersonFormValues } from './personForm';

/**
 * The ID number as typed: checked at once (GB 11643); once valid, the server is asked whether a
 * file exists anywhere (only which unit holds it comes back). The answer is cached per number,
 * and `existsQuery` asks again (or reads the cache) at the moment of saving.
 */
export function useIdNumberCheck(form: FormInstance<PersonFormValues>, editing: boolean, initialIdType: string) {
  const idType: string = Form.useWatch('idType', form) ?? initialIdType;
  const idNumber: string = Form.useWatch('idNumber', form) ?? '';
  const resident = idType === 'resident_id';
  const idCheck = !editing && resident && idNumber ? checkResidentId(idNumber) : null;
  const idKey = idCheck?.ok ? idCheck.normalized : idNumber.trim().toUpperCase();
  const existsQuery = {
    queryKey: keys.personExists(idType, idKey),
    queryFn: () => personsApi.exists(idKey, idType),
    staleTime: Infinity,
  };
  const exists = useQuery({ ...existsQuery, enabled: !editing && !!idCheck?.ok });
  return {
    /** Sex and birth date come from a valid resident ID number (always so for a file on record). */
    fromId: resident && (editing || !!idCheck?.ok),
    existsQuery,
    checking: exists.isFetching,
    result: editing ? undefined : exists.data,
  };
}
