/** Traffic filters across objects (FILTERS.md "Validation"): the entry point running every filter check of a scenario (AZ-R30 built-in tags, OS-R23 one default group). */
import { asObject, field } from '../internal/raw.js';
import { BUILT_IN_TAGS } from '../schema/filters.js';
import { filterIndex } from './filter-index.js';
import { checkAwsFilters, checkAzureFilters, checkOpenStackFilters } from './filter-providers.js';
import { filtersOff, flowsWithoutProtocol } from './filter-warnings.js';
import type { CheckContext, Entry } from './topology-index.js';

export function checkFilters(ctx: CheckContext): void {
  const fi = filterIndex(ctx);
  const tags = asObject(field(ctx.data, 'serviceTags'));
  for (const tag of Object.keys(tags ?? {}))
    if (BUILT_IN_TAGS.includes(tag) && tag !== 'AzureCloud')
      ctx.sink.error(
        ['serviceTags', tag],
        'AZ-R30',
        `\`${tag}\` is a built-in service tag computed from the topology — remove it from \`serviceTags\``,
        true,
      );
  let openstackDefault: Entry | undefined;
  for (const f of fi.networks.values()) {
    switch (f.net.provider) {
      case 'aws':
        checkAwsFilters(ctx, fi, f);
        break;
      case 'azure':
        checkAzureFilters(ctx, fi, f);
        break;
      case 'openstack': {
        checkOpenStackFilters(ctx, fi, f);
        const d = f.securityGroups.get('default');
        if (d !== undefined && openstackDefault !== undefined)
          ctx.sink.error(
            [...d.path, 'name'],
            'OS-R23',
            `the \`default\` security group is already defined (line ${ctx.lineOf(openstackDefault.path)}) — OpenStack networks share one default group (one project); define it once`,
          );
        openstackDefault ??= d;
        break;
      }
      case 'gcp':
      case undefined:
        break;
    }
  }
  filtersOff(ctx);
  flowsWithoutProtocol(ctx);
}
