import { BUILT_IN_CONSTRAINTS, checkConstraints } from './constraints';

const check = (
  constraints: Record<string, unknown>,
  args: Record<string, unknown>,
) => checkConstraints(constraints, args, BUILT_IN_CONSTRAINTS);

describe('checkConstraints', () => {
  it('asks a person above approvalAboveUsd, and refuses above maxAmountUsd first', () => {
    const limits = { approvalAboveUsd: 100, maxAmountUsd: 500 };
    expect(check(limits, { amountUsd: 80 })).toEqual({ result: 'within' });
    expect(check(limits, { amount_usd: '150' })).toEqual({
      result: 'ask',
      message: '150 USD is above approvalAboveUsd 100',
    });
    expect(check(limits, { amount: 900 })).toEqual({
      result: 'breach',
      message: '900 USD is above maxAmountUsd 500',
    });
  });

  it('checks namespaces and row limits the call names', () => {
    expect(
      check({ namespaces: ['dev', 'staging'] }, { namespace: 'dev' }),
    ).toEqual({
      result: 'within',
    });
    expect(
      check({ namespaces: ['dev', 'staging'] }, { namespace: 'prod' }),
    ).toEqual({
      result: 'breach',
      message: 'namespace "prod" is not one of dev, staging',
    });
    expect(check({ maxRowsReturned: 1000 }, { limit: 50 })).toEqual({
      result: 'within',
    });
    expect(check({ maxRowsReturned: 1000 }, {})).toEqual({
      result: 'breach',
      message: 'maxRowsReturned 1000 applies; pass limit (at most 1000)',
    });
  });

  it('denies a call under a constraint it does not understand', () => {
    expect(check({ maxTemperature: 0.2 }, {})).toEqual({
      result: 'breach',
      message:
        'constraint maxTemperature is not understood by this enforcement point, so the call is denied',
    });
    expect(
      checkConstraints(
        { maxTemperature: 0.2 },
        { temperature: 0.1 },
        {
          maxTemperature: (max, args) =>
            (args.temperature as number) <= (max as number)
              ? { result: 'within' }
              : { result: 'breach', message: 'too hot' },
        },
      ),
    ).toEqual({ result: 'within' });
  });
});
