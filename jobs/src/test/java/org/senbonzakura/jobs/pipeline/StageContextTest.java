/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.ReduceFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageContextTest {
  /** Rows computed by {@link #counted}, in this JVM (local mode: the executors are this JVM). */
  private static final AtomicInteger COMPUTED = new AtomicInteger();

  private static Long counted(Long x) {
    COMPUTED.incrementAndGet();
    return x * 2;
  }

  @Test
  void aStagesOutputIsCopiedByItsFirstActionAndNeverComputedAgain(@TempDir Path root)
      throws Exception {
    StageContext ctx = StageTestSupport.context(root);
    COMPUTED.set(0);
    Dataset<Long> out;
    try (SparkJobLog jobs = new SparkJobLog(ctx.spark())) {
      out =
          ctx.spark()
              .range(0, 10, 1, 2)
              .map((MapFunction<Long, Long>) StageContextTest::counted, Encoders.LONG())
              .transform(ctx::durable);
      assertEquals(10, out.count());
      assertEquals(
          List.of(), jobs.containing("localCheckpoint"), "the copy was a Spark job of its own");
    }
    assertEquals(90L, out.reduce((ReduceFunction<Long>) Long::sum));
    assertEquals(10, out.filter("value > 4").count() + 3);
    assertEquals(10, COMPUTED.get(), "the stage's rows were computed again");
  }
}
