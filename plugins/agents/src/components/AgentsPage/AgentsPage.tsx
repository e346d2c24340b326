import {
  Content,
  ContentHeader,
  Header,
  Page,
  Progress,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@mui/material/Grid';
import { useEffect, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { agentsApiRef } from '../../api/agentsApiRef';
import { AgentsTable } from './AgentsTable';
import { EstateSummaryTiles } from './EstateSummaryTiles';
import { WaitingForYou } from './WaitingForYou';

/** Security's estate view and the owner's to-do list. @public */
export function AgentsPage() {
  const api = useApi(agentsApiRef);
  // Bumped when a row is suspended or resumed, so the tiles count the new state.
  const [changes, setChanges] = useState(0);
  // The page's other calls go out after the table's list request, which the first rows
  // wait for: a parent's effects run after its children's, so this summary is asked for
  // after the list, and the to-do list mounts once this effect ran.
  const summary = useAsync(() => api.estateSummary(), [api, changes]);
  const [listRequested, setListRequested] = useState(false);
  useEffect(() => setListRequested(true), []);
  const agentsByDataClass = summary.value?.agentsByDataClass;
  // One summary serves the tiles and the data class filter's options.
  const dataClasses = useMemo(
    () => (agentsByDataClass ? Object.keys(agentsByDataClass).sort() : []),
    [agentsByDataClass],
  );
  return (
    <Page themeId="tool">
      <Header
        title="Agents"
        subtitle="Every AI agent: who owns it, what it may reach, and where its governance stands"
      />
      <Content>
        <ContentHeader title="Agent estate" />
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <EstateSummaryTiles summary={summary} />
          </Grid>
          <Grid item xs={12}>
            {listRequested ? <WaitingForYou /> : <Progress />}
          </Grid>
          <Grid item xs={12}>
            <AgentsTable
              dataClasses={dataClasses}
              onChanged={() => setChanges(n => n + 1)}
            />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
