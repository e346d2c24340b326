import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { NotificationSeverity } from '@backstage/plugin-notifications-common';

export interface GovernanceNotification {
  title: string;
  description: string;
  /** Path in the app, such as /catalog/default/agent/refund-assistant. */
  link: string;
  severity?: NotificationSeverity;
  topic: string;
}

/** Sends Backstage notifications when the notifications plugin is installed. */
export class Notifier {
  private warned = false;

  constructor(
    private readonly notifications: NotificationService | undefined,
    private readonly logger: LoggerService,
  ) {}

  async send(
    entityRefs: string[],
    notification: GovernanceNotification,
  ): Promise<void> {
    const recipients = [...new Set(entityRefs.filter(Boolean))];
    if (!this.notifications || recipients.length === 0) return;
    try {
      await this.notifications.send({
        recipients: { type: 'entity', entityRef: recipients },
        payload: {
          title: notification.title,
          description: notification.description,
          link: notification.link,
          severity: notification.severity ?? 'normal',
          topic: notification.topic,
        },
      });
    } catch (error) {
      if (!this.warned) {
        this.warned = true;
        this.logger.warn(
          `Could not send notifications (is the notifications plugin installed?): ${error}`,
        );
      }
    }
  }
}
