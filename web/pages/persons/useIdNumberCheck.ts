import { Form, type FormInstance } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { personsApi } from '../../api/persons';
import { keys } from '../../api/keys';
import { canonicalId } from './idNumber';
import type { PersonFormValues } from './personForm';

/**
 * The ID number as typed: checked at once (GB 11643); once valid, the server is asked whether a
 * file exists anywhere (only which unit holds it comes back). The answer is cached per number,
 * and `existsQuery` asks again (or reads the cache) at the moment of saving.
 */
export function useIdNumberCheck(form: FormInstance<PersonFormValues>, editing: boolean, initialIdType: string) {
  const idType: string = Form.useWatch('idType', form) ?? initialIdType;
  const idNumber: string = Form.useWatch('idNumber', form) ?? '';
  // A resident number is checked as typed; under "other" a 15- or 18-digit resident number counts as one (9.18).
  const canonical = !editing && idNumber ? canonicalId(idType, idNumber) : null;
  const resident = idType === 'resident_id' || !!(canonical?.ok && canonical.resident);
  const idCheck = canonical && resident ? canonical : null;
  const idKey = idCheck?.ok ? idCheck.idNumber : idNumber.trim().toUpperCase();
  const keyType = idCheck?.ok ? idCheck.idType : idType;
  const existsQuery = {
    queryKey: keys.personExists(keyType, idKey),
    queryFn: () => personsApi.exists(idKey, keyType),
    staleTime: Infinity,
    retry: false,
  };
  const exists = useQuery({ ...existsQuery, enabled: !editing && !!idCheck?.ok });
  return {
    /** Sex and birth date come from a valid resident ID number (always so for a file on record). */
    fromId: resident && (editing || !!idCheck?.ok),
    existsQuery,
    /** The number as asked about, for a transfer request when a file is held elsewhere (C7). */
    identity: { idType: keyType, idNumber: idKey },
    checking: exists.isFetching,
    result: editing ? undefined : exists.data,
    /** Why the check could not be made (e.g. the hourly budget of city-wide checks is spent). */
    error: editing ? null : exists.error,
  };
}
