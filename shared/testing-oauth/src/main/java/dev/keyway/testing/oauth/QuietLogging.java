package dev.keyway.testing.oauth;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

/**
 * Warnings only from Spring and Tomcat, whatever logging the consumer's test classpath has. Spring logs
 * through commons-logging to SLF4J (Logback, whose unconfigured default is DEBUG) or to JUL; Tomcat logs
 * to JUL. Only these categories are touched, and no logging system is initialised or reset.
 */
final class QuietLogging {
    private static final List<String> CATEGORIES =
            List.of("org.springframework", "org.apache.catalina", "org.apache.coyote", "org.apache.tomcat");
    /** JUL holds loggers weakly: a level set on one that is collected is lost. */
    private static final List<Logger> JUL_LOGGERS = CATEGORIES.stream().map(Logger::getLogger).toList();
    private static volatile boolean applied;

    private QuietLogging() {
    }

    static synchronized void apply() {
        if (applied) {
            return;
        }
        JUL_LOGGERS.forEach(logger -> logger.setLevel(Level.WARNING));
        try {
            LoggingSystem system = LoggingSystem.get(QuietLogging.class.getClassLoader());
            CATEGORIES.forEach(category -> system.setLogLevel(category, LogLevel.WARN));
        } catch (RuntimeException | LinkageError e) {
            // e.g. Logback on the classpath while SLF4J is bound elsewhere: those logs go nowhere anyway
        }
        applied = true;
    }
}
