import { registerAuditActions } from '../audit/actions';
import { measureEventBody } from '../../../core/contracts/measures';

// Measures are a person's data: ids and the names of the changed fields only.
registerAuditActions({
  'measure.create': { person: true },
  ...Object.fromEntries(measureEventBody.options.map((o) => [`measure.${o.shape.type.value}`, { person: true }])),
});
