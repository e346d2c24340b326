import Ajv from 'ajv';
import fc from 'fast-check';
import { agentEntitySchema } from '../schema/agentEntitySchema';
import { refundAssistant, validAgent } from './__testUtils__/agents';
import { mutations } from './__testUtils__/mutations';
import {
  AgentValidationError,
  assertValidAgentEntity,
  validateAgentEntity,
} from './validateAgentEntity';

const schemaAccepts = new Ajv({ allErrors: true, strict: false }).compile(
  agentEntitySchema,
);

describe('validateAgentEntity', () => {
  it('accepts the example from DESIGN.md', () => {
    expect(validateAgentEntity(refundAssistant)).toEqual([]);
  });

  it('accepts every generated valid agent, and so does the JSON schema', () => {
    fc.assert(
      fc.property(validAgent, agent => {
        expect(validateAgentEntity(agent)).toEqual([]);
        expect(schemaAccepts(agent)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it.each(mutations)(
    'rejects a single broken rule ($rule) naming $field',
    mutation => {
      fc.assert(
        fc.property(validAgent, agent => {
          const broken = structuredClone(agent);
          mutation.apply(broken);
          const fields = validateAgentEntity(broken).map(issue => issue.field);
          expect(fields).toContain(mutation.field);
        }),
        { numRuns: 25 },
      );
    },
  );

  it('says how to fix the problem, not only where it is', () => {
    const broken = structuredClone(refundAssistant) as any;
    broken.spec.tools[1].access = 'admin';
    broken.spec.owner = 'component:billing';
    expect(validateAgentEntity(broken)).toEqual([
      {
        field: 'spec.owner',
        message:
          'must reference a group or user, not a component; write it as group:<name>',
      },
      {
        field: 'spec.tools[1].access',
        message: '"admin" is not allowed; use one of read, write, destructive',
      },
    ]);
  });

  it('treats an empty manifest as deny-all, not as an error', () => {
    const denyAll = structuredClone(refundAssistant);
    denyAll.spec.tools = [];
    expect(validateAgentEntity(denyAll)).toEqual([]);
  });

  it('throws one error that lists every issue with the agent name', () => {
    const broken = structuredClone(refundAssistant) as any;
    delete broken.spec.purpose;
    broken.spec.model.tier = 'huge';
    expect(() => assertValidAgentEntity(broken)).toThrow(AgentValidationError);
    expect(() => assertValidAgentEntity(broken)).toThrow(
      'Agent "refund-assistant" is not a valid Agent: spec.purpose: is required; say in one sentence what the agent is for; spec.model.tier: "huge" is not allowed; use one of frontier, standard, small',
    );
  });
});
