package org.complaints.compensation.remedy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.complaints.compensation.policy.CompensationAction;

/** The permission rows an operation documents as {@code x-roles} ({@link RemedyRoles}). */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@interface RemedyPermission {
    CompensationAction[] value();
}
