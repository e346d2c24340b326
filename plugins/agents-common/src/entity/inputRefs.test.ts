import { parseInputRef } from './inputRefs';

const agent = { field: 'agentRef', kinds: ['agent'] };
const owner = { field: 'newOwnerRef', kinds: ['group', 'user'] };

describe('parseInputRef', () => {
  it('makes short refs full, with the first kind and the default namespace', () => {
    expect(parseInputRef('refund-assistant', agent)).toBe(
      'agent:default/refund-assistant',
    );
    // Refs compare without case, and are stored lower-case.
    expect(parseInputRef(' Agent:payments/Refund-Bot ', agent)).toBe(
      'agent:payments/refund-bot',
    );
    expect(parseInputRef('user:dana.lee', owner)).toBe('user:default/dana.lee');
  });

  it.each([
    ['agent:../refund-assistant', 'agentRef: ".." is not a valid namespace'],
    ['agent:Default/x', 'agentRef: "Default" is not a valid namespace'],
    ['agent:default/../x', 'agentRef: "../x" is not a valid entity name'],
    ['agent:default/a b', 'agentRef: "a b" is not a valid entity name'],
    [`agent:default/${'a'.repeat(64)}`, 'is not a valid entity name'],
    ['group:payments', 'agentRef: "group:payments" is a group, not an agent'],
    ['', 'agentRef: is required'],
    [42, 'agentRef: is required'],
  ])('refuses %j, naming the field', (value, message) => {
    expect(() => parseInputRef(value, agent)).toThrow(message);
  });

  it('refuses a kind outside the list', () => {
    expect(() => parseInputRef('component:billing', owner)).toThrow(
      'newOwnerRef: "component:billing" is a component, not a group or user; write it as group:<namespace>/<name>',
    );
  });
});
