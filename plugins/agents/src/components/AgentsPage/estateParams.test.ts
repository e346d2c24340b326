import {
  DEFAULT_VIEW,
  readEstateView,
  toListQuery,
  writeEstateView,
} from './estateParams';

const read = (search: string) => readEstateView(new URLSearchParams(search));

describe('the estate view in the URL', () => {
  it('reads every value of the view', () => {
    expect(
      read(
        'q=+refund+&state=suspended&reviewStatus=due&modelTier=small&highestAccess=read' +
          '&dataClass=payment&findingSeverity=low&maturityBelow=100' +
          '&orderBy=lastActivityAt&order=desc&page=3&rowsPerPage=100',
      ),
    ).toEqual({
      q: 'refund',
      state: 'suspended',
      reviewStatus: 'due',
      modelTier: 'small',
      highestAccess: 'read',
      dataClass: 'payment',
      findingSeverity: 'low',
      maturityBelow: 100,
      orderBy: 'lastActivityAt',
      order: 'desc',
      page: 3,
      rowsPerPage: 100,
    });
  });

  it.each([
    'state=bogus',
    'reviewStatus=late',
    'modelTier=FRONTIER',
    'highestAccess=',
    'findingSeverity=severe',
    'maturityBelow=abc',
    'maturityBelow=65',
    'orderBy=stateChangedAt',
    'order=up',
    'page=-3',
    'page=1.5',
    'page=1e3',
    'page=99999999999',
    'rowsPerPage=7',
    'q=++',
    `q=${'x'.repeat(201)}`,
    `dataClass=${'x'.repeat(101)}`,
  ])('ignores %s', search => {
    expect(read(search)).toEqual(DEFAULT_VIEW);
  });

  it('leaves the defaults out of the URL and keeps the params of others', () => {
    const params = new URLSearchParams('state=active&page=4&tab=other');
    expect(
      writeEstateView(
        { ...DEFAULT_VIEW, state: undefined, modelTier: 'frontier', page: 0 },
        params,
      ).toString(),
    ).toBe('tab=other&modelTier=frontier');
    expect(
      writeEstateView(DEFAULT_VIEW, new URLSearchParams()).toString(),
    ).toBe('');
  });

  it('asks the backend for the page the view shows', () => {
    expect(toListQuery({ ...read('dataClass=payment'), page: 2 })).toEqual({
      dataClass: 'payment',
      orderBy: 'name',
      order: 'asc',
      limit: 25,
      offset: 50,
    });
  });
});
