import { diffScopes } from '@mandate/plugin-agents-common';
import {
  addTool,
  describeChange,
  newToolProblem,
  removeTool,
  scopeProblems,
  updateTool,
} from './scopeDraft';

const scope = {
  dataClasses: ['customer-pii'],
  tools: [
    {
      name: 'orders.lookup',
      access: 'read' as const,
      dataClasses: ['customer-pii'],
    },
  ],
};

describe('scopeDraft', () => {
  it('finds no problem in a valid scope', () => {
    expect(scopeProblems(scope)).toEqual({});
  });

  it('names the field of each problem, as the Agent kind words it', () => {
    expect(
      scopeProblems({
        dataClasses: ['Customer PII'],
        tools: [
          { name: 'orders.lookup', access: 'read', dataClasses: ['payment'] },
        ],
      }),
    ).toEqual({
      dataClasses: expect.stringContaining('is not a data class name'),
      'tools[0].dataClasses':
        '"payment" is not declared in the agent’s data classes; add it there or remove it from the tool',
    });
  });

  it('refuses empty, duplicate and malformed tool names', () => {
    expect(newToolProblem(scope, '  ')).toMatch(/Name the tool/);
    expect(newToolProblem(scope, 'orders.lookup')).toBe(
      'orders.lookup is already in the scope; change its access instead.',
    );
    expect(newToolProblem(scope, 'refunds issue')).toMatch(
      /is not a tool name; use letters, digits/,
    );
    expect(newToolProblem(scope, 'refunds.issue')).toBeUndefined();
  });

  it('edits tools without touching what it does not change', () => {
    const withConstraints = {
      ...scope,
      tools: [{ ...scope.tools[0], constraints: { max: 1 } }],
    };
    expect(
      updateTool(withConstraints, 'orders.lookup', { access: 'write' })
        .tools[0],
    ).toEqual({
      name: 'orders.lookup',
      access: 'write',
      dataClasses: ['customer-pii'],
      constraints: { max: 1 },
    });
    expect(removeTool(scope, 'orders.lookup').tools).toEqual([]);
    expect(addTool(scope, ' refunds.issue ', 'write').tools[1]).toEqual({
      name: 'refunds.issue',
      access: 'write',
    });
  });

  it('describes each change in words', () => {
    const to = updateTool(
      addTool(removeTool(scope, 'orders.lookup'), 'refunds.issue', 'write'),
      'refunds.issue',
      { approval: 'human' },
    );
    expect(diffScopes(scope, to).map(describeChange)).toEqual([
      'add refunds.issue (write)',
      'remove orders.lookup',
    ]);
    expect(
      describeChange({
        kind: 'access-raised',
        tool: 't',
        from: 'read',
        to: 'destructive',
      }),
    ).toBe('raise t from read to destructive');
    expect(
      describeChange({
        kind: 'data-class-removed',
        dataClass: 'payment',
        tool: 't',
      }),
    ).toBe('stop t reaching payment');
  });
});
