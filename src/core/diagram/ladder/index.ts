// The timing ladder: layout (pure geometry with a source map) and its lookups.

export { layoutLadder, type LadderOptions } from './layout';
export type * from './model';
