/** The deep tier of the property tests. */

/** Whether `CLOUDROUTE_DEEP=1` (`pnpm test:deep`): the property tests then run many more cases. */
export const DEEP = process.env['CLOUDROUTE_DEEP'] === '1';
