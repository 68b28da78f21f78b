/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every bean the pipeline decodes declares each of its setters itself. Spark 3.5 decodes a bean
 * without generated code (a small run's interpreted plans, {@code scripts/java-opts.sh}) by looking
 * each setter up with {@code getDeclaredMethod} on the bean's own class, so a setter that a bean
 * only inherits fails the decode ("A method named "setL1Hits" is not declared in any enclosing
 * class nor any supertype"). The beans are found where the code names them ({@code
 * Encoders.bean(X.class)}, {@code TableRecords.as(…, X.class)}), with the beans their properties
 * hold (lists of {@code FileEntry}, {@code PatchRef}, …).
 */
class BeanSettersTest {
  private static final Pattern DECODED =
      Pattern.compile("(?:Encoders\\.bean|TableRecords\\.as)\\([^;]*?(\\w+)\\.class");

  @Test
  void everyDecodedBeanDeclaresEverySetter() throws Exception {
    Set<Class<?>> beans = beansNamedInTheCode();
    assertTrue(
        beans.contains(AssemblyJob.class) && beans.contains(Request.class),
        "the scan finds the pipeline's beans: " + beans);
    List<String> missing = new ArrayList<>();
    Deque<Class<?>> todo = new ArrayDeque<>(beans);
    Set<Class<?>> seen = new LinkedHashSet<>();
    while (!todo.isEmpty()) {
      Class<?> bean = todo.pop();
      if (!seen.add(bean)) {
        continue;
      }
      for (PropertyDescriptor p : Introspector.getBeanInfo(bean).getPropertyDescriptors()) {
        Method setter = p.getWriteMethod();
        if (setter == null) {
          continue;
        }
        try {
          bean.getDeclaredMethod(setter.getName(), setter.getParameterTypes());
        } catch (NoSuchMethodException e) {
          missing.add(bean.getSimpleName() + "." + setter.getName());
        }
        Type t = setter.getGenericParameterTypes()[0];
        if (t instanceof ParameterizedType pt) {
          t = pt.getActualTypeArguments()[0];
        }
        if (t instanceof Class<?> c && c.getName().startsWith("org.senbonzakura.")) {
          todo.push(c);
        }
      }
    }
    assertTrue(seen.size() > beans.size(), "nested beans were checked too: " + seen);
    assertTrue(missing.isEmpty(), "inherited, not declared: " + missing);
  }

  /** The classes that the jobs module's sources hand to Spark as beans to decode. */
  private static Set<Class<?>> beansNamedInTheCode() throws IOException, ClassNotFoundException {
    Path sources = Path.of(System.getProperty("sbz.repo"), "jobs", "src", "main", "java");
    Set<Class<?>> beans = new LinkedHashSet<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(sources)) {
      files = s.filter(f -> f.toString().endsWith(".java")).toList();
    }
    for (Path f : files) {
      Matcher m = DECODED.matcher(Files.readString(f));
      while (m.find()) {
        String pkg = sources.relativize(f.getParent()).toString().replace('/', '.');
        beans.add(Class.forName(pkg + "." + m.group(1)));
      }
    }
    return beans;
  }
}
