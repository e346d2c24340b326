import { useState } from 'react';
import {
  Content,
  Header,
  Page,
  ProxiedSignInPage,
} from '@backstage/core-components';
import {
  IdentityApi,
  SignInPageProps,
  configApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Card from '@material-ui/core/Card';
import CardActions from '@material-ui/core/CardActions';
import CardContent from '@material-ui/core/CardContent';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';

const STORAGE_KEY = 'mandate.demoUser';
const DEMO_USER_HEADER = 'x-mandate-demo-user';

/** Forgets the chosen user on sign-out, so the picker shows again. */
function forgetOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      sessionStorage.removeItem(STORAGE_KEY);
      await identity.signOut();
    },
  };
}

/**
 * Demo sign-in: choose one of the example users from `app.demoSignIn.users` and be signed
 * in as that catalog user by the backend's demo provider.
 */
export function DemoSignInPage({ onSignInSuccess }: SignInPageProps) {
  const config = useApi(configApiRef);
  const users =
    config.getOptionalConfigArray('app.demoSignIn.users')?.map(user => ({
      name: user.getString('name'),
      description: user.getOptionalString('description'),
    })) ?? [];
  const [chosen, setChosen] = useState(() =>
    sessionStorage.getItem(STORAGE_KEY),
  );

  if (chosen) {
    return (
      <ProxiedSignInPage
        provider="demo"
        headers={{ [DEMO_USER_HEADER]: chosen }}
        onSignInSuccess={identity => onSignInSuccess(forgetOnSignOut(identity))}
      />
    );
  }

  const choose = (name: string) => {
    sessionStorage.setItem(STORAGE_KEY, name);
    setChosen(name);
  };

  return (
    <Page themeId="home">
      <Header title="Mandate demo" subtitle="Choose who you want to be" />
      <Content>
        <Grid container spacing={2}>
          {users.map(user => (
            <Grid item xs={12} sm={6} md={4} key={user.name}>
              <Card>
                <CardContent>
                  <Typography variant="h6">{user.name}</Typography>
                  <Typography variant="body2" color="textSecondary">
                    {user.description}
                  </Typography>
                </CardContent>
                <CardActions>
                  <Button
                    color="primary"
                    variant="contained"
                    aria-label={`Sign in as ${user.name}`}
                    onClick={() => choose(user.name)}
                  >
                    Sign in
                  </Button>
                </CardActions>
              </Card>
            </Grid>
          ))}
        </Grid>
      </Content>
    </Page>
  );
}
