package dev.custody;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the shape of the public API (STYLE.md §2, §19; issue 2): what {@code dev.custody.api}
 * exports and requires, and that no public or protected signature of an exported type names a
 * type from outside the JDK ({@code java.*}) and the API's own exported packages. Jib wrote the
 * same rule down and broke it; this test is what keeps ours.
 *
 * <p>The module is read from the compiled {@code module-info.class} next to the main classes, so
 * the test means the same whether surefire runs on the module path or the class path.
 */
class ApiSurfaceTest {
  private static final String MODULE = "dev.custody.api";
  private static final String CORE_MODULE = "dev.custody.core";

  private static ModuleReference apiModule() {
    try {
      Path classes = Path.of(Custody.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return ModuleFinder.of(classes)
          .find(MODULE)
          .orElseThrow(() -> new AssertionError("no module " + MODULE + " in " + classes));
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  private static ModuleDescriptor descriptor() {
    return apiModule().descriptor();
  }

  /** Packages every module may read and name: the exported, unqualified API packages. */
  private static Set<String> apiPackages() {
    return descriptor().exports().stream()
        .filter(e -> !e.isQualified())
        .map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static List<Class<?>> classesIn(Set<String> packages) {
    List<Class<?>> classes = new ArrayList<>();
    try (ModuleReader reader = apiModule().open();
        Stream<String> names = reader.list()) {
      for (String name : (Iterable<String>) names::iterator) {
        if (!name.endsWith(".class") || name.endsWith("module-info.class") || name.endsWith("package-info.class")) {
          continue;
        }
        String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
        String pkg = className.substring(0, className.lastIndexOf('.'));
        if (packages.contains(pkg)) {
          Class<?> c = Class.forName(className, false, Custody.class.getClassLoader());
          if (isApiVisible(c)) {
            classes.add(c);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
    return classes;
  }

  /** Whether code outside the module can name {@code c}: public (or protected and nested) all the way out. */
  private static boolean isApiVisible(Class<?> c) {
    if (c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic()) {
      return false;
    }
    int m = c.getModifiers();
    if (!Modifier.isPublic(m) && !Modifier.isProtected(m)) {
      return false;
    }
    return c.getDeclaringClass() == null || isApiVisible(c.getDeclaringClass());
  }

  private static boolean isApiVisible(Member member) {
    int m = member.getModifiers();
    return !member.isSynthetic() && (Modifier.isPublic(m) || Modifier.isProtected(m));
  }

  /**
   * {@return one line per public or protected signature of {@code types} that names a type which
   * is neither in {@code java.*} nor an API-visible type of {@code allowedPackages}}
   */
  static List<String> offendingSignatures(List<Class<?>> types, Set<String> allowedPackages) {
    Set<String> offences = new TreeSet<>();
    for (Class<?> type : types) {
      String owner = type.getName();
      check(owner + " extends", type.getGenericSuperclass(), allowedPackages, offences);
      for (Type i : type.getGenericInterfaces()) {
        check(owner + " implements", i, allowedPackages, offences);
      }
      for (TypeVariable<?> v : type.getTypeParameters()) {
        check(owner + " type parameter " + v.getName(), v, allowedPackages, offences);
      }
      for (Field f : type.getDeclaredFields()) {
        if (isApiVisible(f)) {
          check(owner + " field " + f.getName(), f.getGenericType(), allowedPackages, offences);
        }
      }
      List<Executable> executables = new ArrayList<>();
      executables.addAll(List.of(type.getDeclaredConstructors()));
      executables.addAll(List.of(type.getDeclaredMethods()));
      for (Executable e : executables) {
        if (!isApiVisible(e) || (e instanceof Method && ((Method) e).isBridge())) {
          continue;
        }
        String where = e.toGenericString();
        if (e instanceof Method) {
          check(where, ((Method) e).getGenericReturnType(), allowedPackages, offences);
        }
        for (Type p : e.getGenericParameterTypes()) {
          check(where, p, allowedPackages, offences);
        }
        for (Type x : e.getGenericExceptionTypes()) {
          check(where, x, allowedPackages, offences);
        }
        for (TypeVariable<?> v : e.getTypeParameters()) {
          check(where, v, allowedPackages, offences);
        }
      }
    }
    return new ArrayList<>(offences);
  }

  private static void check(String where, Type type, Set<String> allowed, Set<String> offences) {
    Set<Class<?>> named = new HashSet<>();
    collect(type, named, new HashSet<>());
    for (Class<?> c : named) {
      if (c.getPackageName().equals("java") || c.getPackageName().startsWith("java.")) {
        continue;
      }
      if (!allowed.contains(c.getPackageName())) {
        offences.add(where + "  names " + c.getName());
      } else if (!isApiVisible(c)) {
        offences.add(where + "  names non-public " + c.getName());
      }
    }
  }

  private static void collect(Type type, Set<Class<?>> out, Set<Type> seen) {
    if (type == null || !seen.add(type)) {
      return;
    }
    if (type instanceof Class) {
      Class<?> c = (Class<?>) type;
      while (c.isArray()) {
        c = c.getComponentType();
      }
      if (!c.isPrimitive()) {
        out.add(c);
      }
    } else if (type instanceof ParameterizedType) {
      ParameterizedType p = (ParameterizedType) type;
      collect(p.getRawType(), out, seen);
      collect(p.getOwnerType(), out, seen);
      for (Type a : p.getActualTypeArguments()) {
        collect(a, out, seen);
      }
    } else if (type instanceof GenericArrayType) {
      collect(((GenericArrayType) type).getGenericComponentType(), out, seen);
    } else if (type instanceof WildcardType) {
      WildcardType w = (WildcardType) type;
      for (Type b : w.getUpperBounds()) {
        collect(b, out, seen);
      }
      for (Type b : w.getLowerBounds()) {
        collect(b, out, seen);
      }
    } else if (type instanceof TypeVariable) {
      for (Type b : ((TypeVariable<?>) type).getBounds()) {
        collect(b, out, seen);
      }
    } else {
      throw new AssertionError("unknown kind of type: " + type);
    }
  }

  @Test
  void publicSignatures_nameOnlyJdkAndApiTypes() {
    Set<String> api = apiPackages();
    List<Class<?>> classes = classesIn(api);
    List<String> offences = offendingSignatures(classes, api);
    assertEquals(
        List.of(),
        offences,
        "public signatures in " + MODULE + " naming types outside java.* and the API:\n  "
            + String.join("\n  ", offences));
  }

  @Test
  void scan_coversTheApiTypes() {
    Set<String> scanned =
        classesIn(apiPackages()).stream().map(Class::getName).collect(Collectors.toSet());
    for (String expected :
        List.of(
            "dev.custody.Custody",
            "dev.custody.Custody$Builder",
            "dev.custody.Bytes",
            "dev.custody.oci.Digest",
            "dev.custody.oci.ImageReference",
            "dev.custody.oci.Descriptor$Builder",
            "dev.custody.oci.Manifest",
            "dev.custody.store.ArtifactStore",
            "dev.custody.spi.CustodyProvider")) {
      assertTrue(scanned.contains(expected), expected + " was not scanned; scanned: " + scanned);
    }
  }

  /** Package-private, so no caller outside the package could name it. */
  static final class Secret {}

  /** A deliberately leaky fixture: the scanner must find every one of its offences. */
  static class Leaky<T extends org.opentest4j.AssertionFailedError> extends java.util.ArrayList<org.opentest4j.ValueWrapper>
      implements java.util.function.Supplier<org.junit.jupiter.api.DisplayNameGenerator> {
    public org.junit.jupiter.api.TestInfo info;
    public List<? super org.junit.jupiter.api.TestReporter>[] arrays;
    private org.junit.jupiter.api.TestInfo hidden;

    public Leaky() throws org.opentest4j.IncompleteExecutionException {}

    protected <U extends java.util.Map<String, org.opentest4j.TestAbortedException>> U generic() {
      return null;
    }

    public Secret secret() {
      return null;
    }

    @Override
    public org.junit.jupiter.api.DisplayNameGenerator get() {
      return null;
    }

    public String fine(List<dev.custody.oci.Digest> digests, int[] counts) {
      return String.valueOf(hidden) + digests + counts.length;
    }

    private org.junit.jupiter.api.TestInfo privateMethodsAreNotApi() {
      return hidden;
    }
  }

  @Test
  void scanner_findsEveryKindOfLeak() {
    List<String> offences =
        offendingSignatures(List.of(Leaky.class), Set.of("dev.custody", "dev.custody.oci"));
    String leaky = Leaky.class.getName();
    assertEquals(
        Set.of(
            "public dev.custody.ApiSurfaceTest$Secret " + leaky + ".secret()  names non-public dev.custody.ApiSurfaceTest$Secret",
            "protected <U extends java.util.Map<java.lang.String, org.opentest4j.TestAbortedException>> U "
                + leaky + ".generic()  names org.opentest4j.TestAbortedException",
            "public " + leaky + "() throws org.opentest4j.IncompleteExecutionException  names "
                + "org.opentest4j.IncompleteExecutionException",
            "public org.junit.jupiter.api.DisplayNameGenerator " + leaky + ".get()  names "
                + "org.junit.jupiter.api.DisplayNameGenerator",
            leaky + " extends  names org.opentest4j.ValueWrapper",
            leaky + " field arrays  names org.junit.jupiter.api.TestReporter",
            leaky + " field info  names org.junit.jupiter.api.TestInfo",
            leaky + " implements  names org.junit.jupiter.api.DisplayNameGenerator",
            leaky + " type parameter T  names org.opentest4j.AssertionFailedError"),
        Set.copyOf(offences));
  }

  @Test
  void module_exportsNoInternalPackage() {
    for (ModuleDescriptor.Exports e : descriptor().exports()) {
      if (e.isQualified()) {
        // STYLE.md §13: dev.custody.internal may be lent to core, and only to core.
        assertTrue(e.source().contains(".internal"), "qualified export of an API package: " + e);
        assertEquals(Set.of(CORE_MODULE), e.targets(), "internal package lent beyond core: " + e);
      } else {
        assertTrue(!e.source().contains("internal"), "internal package exported to everyone: " + e);
      }
    }
  }

  @Test
  void module_exportsEveryNonInternalPackage() {
    Set<String> unexported = new TreeSet<>(descriptor().packages());
    unexported.removeAll(apiPackages());
    unexported.removeIf(p -> p.contains(".internal"));
    assertEquals(Set.of(), unexported, "packages neither exported nor named internal");
  }

  @Test
  void module_requiresOnlyJavaBaseAtRuntime() {
    // STYLE.md §12: JDK only at runtime; a compile-time-only "requires static" (JSpecify) is allowed.
    List<String> runtime =
        descriptor().requires().stream()
            .filter(r -> !r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
            .map(ModuleDescriptor.Requires::name)
            .sorted()
            .collect(Collectors.toList());
    assertEquals(List.of("java.base"), runtime);
  }

  @Test
  void module_declaresTheProviderItLoads() {
    // Custody.builder() finds its provider with ServiceLoader, which a named module must declare.
    assertTrue(
        descriptor().uses().contains("dev.custody.spi.CustodyProvider"),
        "uses: " + descriptor().uses());
  }

  @Test
  void module_isNamedAsDocumented() {
    assertEquals(MODULE, descriptor().name());
    assertTrue(apiPackages().containsAll(Set.of("dev.custody", "dev.custody.oci", "dev.custody.store", "dev.custody.spi")), apiPackages().toString());
  }
}
