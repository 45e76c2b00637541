// The gateway's Prometheus figures, registered on the server's own registry (several servers may
// run in one process, in tests).
import { Counter, Gauge, type Registry } from 'prom-client';

export interface GatewayMetrics {
  connections: Gauge;
  sessionsLive: Gauge;
  framesIn: Counter;
  framesOut: Counter;
  messagesAccepted: Counter;
  slowConsumers: Counter;
}

export function gatewayMetrics(registry: Registry): GatewayMetrics {
  const registers = [registry];
  return {
    connections: new Gauge({ name: 'atoll_connections', help: 'Open client connections', registers }),
    sessionsLive: new Gauge({ name: 'atoll_sessions_live', help: 'Logged-in sessions', registers }),
    framesIn: new Counter({ name: 'atoll_frames_in_total', help: 'Frames received from clients', registers }),
    framesOut: new Counter({ name: 'atoll_frames_out_total', help: 'Frames sent to clients', registers }),
    messagesAccepted: new Counter({ name: 'atoll_messages_accepted_total', help: 'Messages made durable and acked to their sender', registers }),
    slowConsumers: new Counter({ name: 'atoll_slow_consumers_total', help: 'Connections closed because they read too slowly', registers }),
  };
}
