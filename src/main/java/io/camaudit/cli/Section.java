package io.camaudit.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The {@link HelpSection} an option is listed under in {@code --help}. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@interface Section {
  HelpSection value();
}
