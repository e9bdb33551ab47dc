package dev.shakedown.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;

/** A public method or constructor whose return or parameter types include a type of {@code dev.shakedown.internal}. */
final class ExposesNoInternalType<T extends JavaCodeUnit> extends ArchCondition<T> {

  static final ExposesNoInternalType<com.tngtech.archunit.core.domain.JavaMethod> METHODS =
      new ExposesNoInternalType<>();
  static final ExposesNoInternalType<com.tngtech.archunit.core.domain.JavaConstructor> CONSTRUCTORS =
      new ExposesNoInternalType<>();

  private ExposesNoInternalType() {
    super("expose no type of dev.shakedown.internal in its signature");
  }

  @Override
  public void check(T method, ConditionEvents events) {
    List<JavaClass> types = new ArrayList<>(method.getRawParameterTypes());
    types.add(method.getRawReturnType());
    for (JavaClass type : types) {
      if (type.getPackageName().startsWith("dev.shakedown.internal")) {
        events.add(SimpleConditionEvent.violated(method,
            method.getFullName() + " exposes " + type.getName() + " (internal: not for extenders)"));
      }
    }
  }
}
