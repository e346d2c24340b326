export interface Config {
  app?: {
    /** Demo sign-in: the example users a person may choose to sign in as. Demo config only. */
    demoSignIn?: {
      /** @visibility frontend */
      users: Array<{
        /** Catalog User name, for example dana.lee. @visibility frontend */
        name: string;
        /** Who this user is in the demo. @visibility frontend */
        description?: string;
      }>;
    };
  };
}
