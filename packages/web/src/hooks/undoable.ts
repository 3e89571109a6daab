/**
 * What an action answered that undo needs: the lead and what the action recorded, a decision (accept,
 * reject, …) or a logged activity.
 */
export type Undoable =
  | { leadId: string; decisionId: string; activityId?: undefined }
  | { leadId: string; activityId: string; decisionId?: undefined }

/** One key per undoable thing, for the undo button's countdown. */
export const undoKey = (undoable: Undoable): string => undoable.decisionId ?? undoable.activityId
