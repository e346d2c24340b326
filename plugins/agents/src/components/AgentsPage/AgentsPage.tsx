import {
  Content,
  ContentHeader,
  Header,
  Page,
} from '@backstage/core-components';
import Grid from '@mui/material/Grid';
import { useState } from 'react';
import { AgentsTable } from './AgentsTable';
import { EstateSummaryTiles } from './EstateSummaryTiles';
import { WaitingForYou } from './WaitingForYou';

/** Security's estate view and the owner's to-do list. @public */
export function AgentsPage() {
  // Bumped when a row is suspended or resumed, so the tiles count the new state.
  const [changes, setChanges] = useState(0);
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
            <EstateSummaryTiles refreshKey={changes} />
          </Grid>
          <Grid item xs={12}>
            <WaitingForYou />
          </Grid>
          <Grid item xs={12}>
            <AgentsTable onChanged={() => setChanges(n => n + 1)} />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
