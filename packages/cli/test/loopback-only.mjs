// Preloaded (`node --import`) into every process a documentation snippet starts: any connection
// to a host other than loopback throws, so a snippet can never reach KIS or anything else.
import net from 'node:net';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/;
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function loopbackOnly(...args) {
  const first = args[0];
  const opts = Array.isArray(first) ? first[0] : first;
  const host =
    typeof opts === 'object' && opts !== null
      ? (opts.host ?? (opts.path ? 'localhost' : 'localhost'))
      : typeof args[1] === 'string'
        ? args[1]
        : 'localhost';
  if (!LOOPBACK.test(String(host).replace(/^\[|\]$/g, ''))) {
    throw new Error(`documentation snippet tried to reach ${host}: only loopback is allowed`);
  }
  return connect.apply(this, args);
};
