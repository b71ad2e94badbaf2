import { useState } from 'react';
import type { FormInstance } from 'antd';
import { useMutation, useQueryClient, type FetchQueryOptions } from '@tanstack/react-query';
import { personsApi, type Exists, type PersonView, type Unmasked } from '../../api/persons';
import { ApiError } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/I18nProvider';
import { useNotify } from '../../components/useNotify';
import { editValues, toCreate, toPatch, type PersonFormValues } from './personForm';

type Changes = Record<string, unknown>;

interface Options {
  form: FormInstance<PersonFormValues>;
  person?: PersonView;
  clear: Unmasked | null;
  initial: PersonFormValues;
  contactsEditable: boolean;
  existsQuery: FetchQueryOptions<Exists, Error, Exists, readonly unknown[]>;
  onSaved: (p: PersonView) => void;
}

/**
 * Saving the form: a new file after the one-person-one-file check, or the changes to a file with
 * the version seen. A version conflict keeps the user's changes on screen and offers the latest
 * version (both versions, no silent overwrite).
 */
export function usePersonSave({ form, person, clear, initial, contactsEditable, existsQuery, onSaved }: Options) {
  const { t, lang } = useI18n();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [conflict, setConflict] = useState<{ unsaved: Changes; reloaded: boolean } | null>(null);

  const done = async (p: PersonView, message: string) => {
    queryClient.setQueryData(keys.person(p.id), p);
    await queryClient.invalidateQueries({ queryKey: keys.persons });
    notify.success(message);
    onSaved(p);
  };
  const failed = (err: Error, unsaved?: Changes) => {
    if (err instanceof ApiError && err.code === 'person.version_conflict' && unsaved) return setConflict({ unsaved, reloaded: false });
    if (!applyFieldErrors(form, err, lang)) notify.error(err);
  };
  const create = useMutation({ mutationFn: personsApi.create, onSuccess: (p) => done(p, t('person.created')), onError: (e) => failed(e) });
  const update = useMutation({
    mutationFn: ({ patch }: { patch: Changes; changed: Changes }) => personsApi.update(person!.id, { ...patch, version: person!.version }),
    onSuccess: (p) => done(p, t('common.saved')),
    onError: (e, { changed }) => failed(e, changed),
  });
  const reload = useMutation({
    mutationFn: () => personsApi.get(person!.id),
    onSuccess: (fresh) => {
      queryClient.setQueryData(keys.person(fresh.id), fresh);
      form.setFieldsValue(editValues(fresh, clear));
      setConflict((c) => c && { ...c, reloaded: true });
    },
    onError: notify.error,
  });

  const submit = async (v: PersonFormValues) => {
    if (person) {
      const { patch, changed } = toPatch(v, initial, contactsEditable);
      if (Object.keys(changed).length === 0) return notify.success(t('person.noChanges'));
      setConflict(null);
      return update.mutate({ patch, changed });
    }
    // One person, one file: asked again at the moment of saving (the answer is cached per number).
    const found = await queryClient.fetchQuery(existsQuery).catch((e: Error) => {
      notify.error(e);
      return null;
    });
    if (!found) return;
    if (found.exists) return form.scrollToField('idNumber');
    create.mutate(toCreate(v));
  };

  return { submit, saving: create.isPending || update.isPending, conflict, reload: () => reload.mutate(), reloading: reload.isPending };
}
