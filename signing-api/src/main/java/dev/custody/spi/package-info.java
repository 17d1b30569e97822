/**
 * Service-provider interfaces. {@link dev.custody.spi.CustodyProvider} is implemented by
 * {@code signing-core} and found with {@link java.util.ServiceLoader}; embedders may pass their own
 * implementation to {@link dev.custody.Custody.Builder#provider} instead. SPI types are never
 * sealed.
 */
package dev.custody.spi;
