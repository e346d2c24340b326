// Writes examples/mcp-servers.yaml: node scripts/generate-mcp-servers.js > examples/mcp-servers.yaml
// tools: [name, access, description]
const servers = [
  [
    'orders-mcp',
    'Orders MCP',
    'Order lookup and history.',
    'payments',
    'finance-ops',
    [
      ['orders.lookup', 'read', 'Look up an order by id or customer email.'],
      ['orders.history', 'read', "List a customer's past orders."],
    ],
  ],
  [
    'payments-mcp',
    'Payments MCP',
    'Refunds, payment lookup and chargebacks.',
    'payments',
    'finance-ops',
    [
      ['payments.lookup', 'read', 'Look up a payment.'],
      ['refunds.issue', 'write', 'Issue a refund against a payment.'],
      ['chargebacks.dispute', 'write', 'Open a chargeback dispute.'],
    ],
  ],
  [
    'tickets-mcp',
    'Tickets MCP',
    'Support tickets: read, label, comment, reply.',
    'support',
    'customer-care',
    [
      ['tickets.read', 'read', 'Read a ticket and its thread.'],
      ['tickets.label', 'write', 'Set labels on a ticket.'],
      ['tickets.assign', 'write', 'Assign a ticket to a queue or person.'],
      ['tickets.comment', 'write', 'Add an internal comment.'],
      [
        'tickets.reply.draft',
        'write',
        'Save a draft reply for a person to send.',
      ],
      ['tickets.delete', 'destructive', 'Delete a ticket permanently.'],
    ],
  ],
  [
    'crm-mcp',
    'CRM MCP',
    'Customer contacts and account history.',
    'support',
    'customer-care',
    [
      ['crm.contact.read', 'read', 'Read a customer contact.'],
      ['crm.campaign.send', 'write', 'Send a campaign email to contacts.'],
    ],
  ],
  [
    'github-mcp',
    'GitHub MCP',
    'Repositories, pull requests and org membership.',
    'developer-platform',
    'developer-experience',
    [
      ['github.repo.read', 'read', 'Read repository contents.'],
      ['github.pr.read', 'read', 'Read a pull request and its diff.'],
      ['github.pr.comment', 'write', 'Comment on a pull request.'],
      ['github.pr.create', 'write', 'Open a pull request.'],
      ['github.pr.merge', 'write', 'Merge a pull request.'],
      ['github.branch.delete', 'destructive', 'Delete a branch.'],
      [
        'github.org.members.read',
        'read',
        'List organisation members and teams.',
      ],
    ],
  ],
  [
    'docs-mcp',
    'Docs MCP',
    'Search over engineering and product documentation.',
    'developer-platform',
    'developer-experience',
    [['docs.search', 'read', 'Full-text and semantic search over docs.']],
  ],
  [
    'k8s-mcp',
    'Kubernetes MCP',
    'Cluster reads, scaling, rollbacks and namespace admin.',
    'infrastructure',
    'platform',
    [
      ['k8s.pods.list', 'read', 'List pods and their status.'],
      ['k8s.deployment.scale', 'write', 'Scale a deployment.'],
      [
        'k8s.deployment.rollback',
        'write',
        'Roll a deployment back to its previous revision.',
      ],
      [
        'k8s.namespace.delete',
        'destructive',
        'Delete a namespace and everything in it.',
      ],
    ],
  ],
  [
    'postgres-mcp',
    'Postgres MCP',
    'Schema introspection and query plans on production databases.',
    'infrastructure',
    'platform',
    [
      ['postgres.schema.read', 'read', 'Read table and index definitions.'],
      ['postgres.explain', 'read', 'Explain a query plan.'],
      ['postgres.query', 'read', 'Run a read-only query.'],
      ['postgres.ddl.apply', 'destructive', 'Apply a schema change.'],
    ],
  ],
  [
    'cloud-billing-mcp',
    'Cloud Billing MCP',
    'Cloud cost reports and rightsizing recommendations.',
    'infrastructure',
    'platform',
    [
      [
        'billing.report.read',
        'read',
        'Read cost reports by account and service.',
      ],
    ],
  ],
  [
    'warehouse-mcp',
    'Warehouse MCP',
    'Analytical queries and table management in the data warehouse.',
    'analytics',
    'data-science',
    [
      ['warehouse.query', 'read', 'Run a read-only SQL query.'],
      [
        'warehouse.table.write',
        'write',
        'Insert or overwrite rows in a table.',
      ],
      ['warehouse.table.drop', 'destructive', 'Drop a table.'],
    ],
  ],
  [
    'ledger-mcp',
    'Ledger MCP',
    'General ledger entries and adjustments.',
    'finance',
    'finance-ops',
    [
      ['ledger.read', 'read', 'Read ledger entries.'],
      ['ledger.adjust', 'write', 'Post an adjusting entry.'],
    ],
  ],
  [
    'slack-mcp',
    'Slack MCP',
    'Post messages to channels.',
    'developer-platform',
    'developer-experience',
    [
      ['slack.post', 'write', 'Post a message to a channel.'],
      ['slack.history.read', 'read', "Read a channel's history."],
    ],
  ],
  [
    'logs-mcp',
    'Logs MCP',
    'Search and summarise application logs.',
    'infrastructure',
    'platform',
    [['logs.search', 'read', 'Search application logs.']],
  ],
];
const hints = a => ({
  readOnlyHint: a === 'read',
  destructiveHint: a === 'destructive',
});
const out = [
  '# MCP servers the agents reach, as API entities of type mcp-server.',
  "# `definition` holds the server's tools/list answer (names and MCP annotations); the",
  "# catalog's generic API kind requires a definition, and the scaffolder offers these tools.",
];
out.push(
  servers
    .map(([n, t, d, s, o, tools]) => {
      const def = JSON.stringify(
        {
          tools: tools.map(([name, access, description]) => ({
            name,
            description,
            annotations: hints(access),
          })),
        },
        null,
        2,
      );
      return `apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: ${n}
  title: ${t}
  description: ${JSON.stringify(d)}
  tags: [mcp]
spec:
  type: mcp-server
  lifecycle: production
  owner: group:${o}
  system: ${s}
  remotes:
    - type: streamable-http
      url: https://mcp.acme.example/${n.replace('-mcp', '')}/mcp
  definition: |
${def
  .split('\n')
  .map(l => '    ' + l)
  .join('\n')}`;
    })
    .join('\n---\n'),
);
console.log(out.join('\n'));
