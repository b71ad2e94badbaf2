import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';

export interface DictionaryEntry {
  id: string;
  kind: string;
  code: string;
  nameZh: string;
  nameEn: string;
  category: string | null;
  sort: number;
  active: boolean;
  /** Other ways the value is written, matched by the ledger import. */
  aliases: string[];
}

export type DictionaryKind =
  'ethnicity' | 'id_type' | 'education' | 'marital_status' | 'employment_status' | 'occupation' | 'drug_type' | 'use_method' | 'relation' | 'nationality';

export const dictionariesApi = {
  list: (kind: DictionaryKind) => api.get<{ items: DictionaryEntry[] }>('/dictionaries', { kind }),
};

/** One dictionary, sorted; cached for the session (dictionaries change rarely). */
export const useDictionary = (kind: DictionaryKind) =>
  useQuery({
    queryKey: keys.dictionary(kind),
    queryFn: () => dictionariesApi.list(kind),
    staleTime: 10 * 60_000,
    select: (d) => [...d.items].sort((a, b) => a.sort - b.sort || a.code.localeCompare(b.code)),
  });
