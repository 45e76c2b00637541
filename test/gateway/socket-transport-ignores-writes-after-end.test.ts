// A session may still push frames after its socket was ended (a stop ends thousands at once):
// those writes are dropped quietly instead of each raising a write-after-end error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { once } from 'node:events';
import { SocketTransport } from '../../src/gateway/socket-transport.js';

test('writes after end() reach nobody and raise no error; what was written before arrives', async () => {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  const accepted = once(server, 'connection') as Promise<[net.Socket]>;
  const client = net.connect(port, '127.0.0.1');
  const [socket] = await accepted;
  const errors: Error[] = [];
  socket.on('error', (err) => errors.push(err));
  const received: Buffer[] = [];
  client.on('data', (chunk: Buffer) => received.push(chunk));
  client.on('end', () => client.end());

  const transport = new SocketTransport(socket);
  transport.write(Buffer.from('before'));
  transport.end();
  for (let i = 0; i < 100; i++) transport.write(Buffer.from('after'));

  // An error for a write after end is emitted before the socket closes.
  await once(socket, 'close');
  server.close();
  assert.deepEqual(errors, []);
  assert.equal(Buffer.concat(received).toString(), 'before');
});
