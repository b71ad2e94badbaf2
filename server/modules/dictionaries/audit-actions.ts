import { registerAuditActions } from '../audit/actions';

registerAuditActions({
  'dictionary.create': { person: false },
  'dictionary.update': { person: false },
});
