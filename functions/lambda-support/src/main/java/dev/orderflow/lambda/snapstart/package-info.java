/** SnapStart: priming hooks run before Lambda snapshots an initialised environment. */
package dev.orderflow.lambda.snapstart;
