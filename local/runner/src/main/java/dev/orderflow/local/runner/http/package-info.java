/** The HTTP servers of the local system, one way: loopback unless told otherwise, daemon workers, no Nagle delay. */
package dev.orderflow.local.runner.http;
