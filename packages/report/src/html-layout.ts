/**
 * The layout every chart of the HTML report shares (viewBox units), so that the run timeline
 * and the diff and chaos charts line up on the page: the same width, the same label column at
 * the left, the same margin at the right and the same axis band under the rows.
 */

/** The viewBox width of every chart. */
export const WIDTH = 1000;
/** The label column at the left: group and lane names. */
export const LABEL_W = 190;
/** The margin right of the plots. */
export const PAD_R = 16;
/** The band under the rows that holds the axis ticks. */
export const AXIS_H = 26;
