/** One rule an entity breaks: the field path (`spec.tools[1].access`) and what to do. @public */
export interface AgentValidationIssue {
  field: string;
  message: string;
}

/** Thrown by {@link assertValidAgentEntity}; the message lists every issue. @public */
export class AgentValidationError extends Error {
  readonly issues: AgentValidationIssue[];
  constructor(issues: AgentValidationIssue[], name = 'Agent') {
    super(
      `${name} is not a valid Agent: ${issues
        .map(issue => `${issue.field}: ${issue.message}`)
        .join('; ')}`,
    );
    this.name = 'AgentValidationError';
    this.issues = issues;
  }
}
