export interface Config {
  agents?: {
    scaffolder?: {
      /**
       * Prefix of the identity given to agents built by mandate:agent:manifest when the
       * template does not set one; the agent name is appended.
       * Default spiffe://example.org/agent/
       */
      identityPrefix?: string;
    };
  };
}
