/** What an action answered that undo needs: the lead and the decision the action recorded. */
export type Undoable = { leadId: string; decisionId: string }
