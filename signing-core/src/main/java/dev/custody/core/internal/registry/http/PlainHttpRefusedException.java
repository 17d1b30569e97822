package dev.custody.core.internal.registry.http;

import java.io.IOException;

/** Custody refused to send a request over plain HTTP to a host that was not allowed it. */
public final class PlainHttpRefusedException extends IOException {
  private static final long serialVersionUID = 1L;

  PlainHttpRefusedException(String host) {
    super(
        "connect to "
            + host
            + ": refusing plain HTTP (registries are reached over HTTPS; plain HTTP is allowed only"
            + " for loopback hosts 127.0.0.0/8, ::1 and localhost, or a host allowed with"
            + " allowHttpRegistry / --allow-http-registry)");
  }
}
