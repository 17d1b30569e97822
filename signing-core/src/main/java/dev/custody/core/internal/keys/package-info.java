/** Key pair generation behind {@code Custody.generateKeyPair}: keys, test certificates and their files. */
package dev.custody.core.internal.keys;
